import type { ApiClientOptions as __ApiClientOptions, ErrorResponse as __ErrorResponse, Operation as __Operation, ServerSentEvent as __ServerSentEvent } from "@codomyrmex/networking/runtime/types"

export interface paths {
    "/pets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List all pets */
        get: operations["listPets"];
        put?: never;
        /** Create a pet */
        post: operations["createPets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pets/{petId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Info for a specific pet */
        get: operations["showPetById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Pet: {
            /** Format: int64 */
            id: number;
            name: string;
            tag?: string;
        };
        Pets: components["schemas"]["Pet"][];
        Error: {
            /** Format: int32 */
            code: number;
            message: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
type WithRequired<T, K extends PropertyKey> = T & {
    [P in K & keyof NonNullable<T>]-?: NonNullable<T>[P];
};
export interface operations {
    listPets: {
        parameters: {
            query?: {
                /** @description How many items to return at one time (max 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A paged array of pets */
            200: {
                headers: {
                    /** @description A link to the next page of responses */
                    "x-next"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pets"];
                };
            };
            /** @description unexpected error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createPets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Pet"];
            };
        };
        responses: {
            /** @description Null response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unexpected error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    showPetById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id of the pet to retrieve */
                petId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Expected response to a valid request */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pet"];
                };
            };
            /** @description unexpected error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}

export type Pet = components["schemas"]["Pet"]
export type Pets = components["schemas"]["Pets"]
export type Error = components["schemas"]["Error"]

export type ListPetsInput = { query?: NonNullable<paths["/pets"]["get"]["parameters"]["query"]> }
export type ListPetsData = paths["/pets"]["get"]["responses"]["200"]["content"]["application/json"]
export type ListPetsError = __ErrorResponse<"default", paths["/pets"]["get"]["responses"]["default"]["content"]["application/json"]>
/**
 * List all pets
 * `GET /pets`
 */
export const listPets: __Operation<ListPetsInput, ListPetsData, ListPetsError>
export type CreatePetsInput = { body: NonNullable<paths["/pets"]["post"]["requestBody"]>["content"]["application/json"] }
export type CreatePetsData = undefined
export type CreatePetsError = __ErrorResponse<"default", paths["/pets"]["post"]["responses"]["default"]["content"]["application/json"]>
/**
 * Create a pet
 * `POST /pets`
 */
export const createPets: __Operation<CreatePetsInput, CreatePetsData, CreatePetsError>
export type ShowPetByIdInput = { path: NonNullable<paths["/pets/{petId}"]["get"]["parameters"]["path"]> }
export type ShowPetByIdData = paths["/pets/{petId}"]["get"]["responses"]["200"]["content"]["application/json"]
export type ShowPetByIdError = __ErrorResponse<"default", paths["/pets/{petId}"]["get"]["responses"]["default"]["content"]["application/json"]>
/**
 * Info for a specific pet
 * `GET /pets/{petId}`
 */
export const showPetById: __Operation<ShowPetByIdInput, ShowPetByIdData, ShowPetByIdError>

type __Tree = { listPets: typeof listPets; createPets: typeof createPets; showPetById: typeof showPetById; pets: { listPets: typeof listPets; createPets: typeof createPets; showPetById: typeof showPetById } }
export function configure(options: __ApiClientOptions<never>): void
export function createClient(options?: __ApiClientOptions<never>): __Tree
declare const __default: __Tree & { configure: typeof configure; createClient: typeof createClient }
export default __default
