import type { ApiClientOptions as __ApiClientOptions, ErrorResponse as __ErrorResponse, Operation as __Operation, ServerSentEvent as __ServerSentEvent } from "@codomyrmex/networking/runtime/types"

export interface paths {
    "/pets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description Returns all pets from the system that the user has access to
         *     Nam sed condimentum est. Maecenas tempor sagittis sapien, nec rhoncus sem sagittis sit amet. Aenean at gravida augue, ac iaculis sem. Curabitur odio lorem, ornare eget elementum nec, cursus id lectus. Duis mi turpis, pulvinar ac eros ac, tincidunt varius justo. In hac habitasse platea dictumst. Integer at adipiscing ante, a sagittis ligula. Aenean pharetra tempor ante molestie imperdiet. Vivamus id aliquam diam. Cras quis velit non tortor eleifend sagittis. Praesent at enim pharetra urna volutpat venenatis eget eget mauris. In eleifend fermentum facilisis. Praesent enim enim, gravida ac sodales sed, placerat id erat. Suspendisse lacus dolor, consectetur non augue vel, vehicula interdum libero. Morbi euismod sagittis libero sed lacinia.
         *
         *     Sed tempus felis lobortis leo pulvinar rutrum. Nam mattis velit nisl, eu condimentum ligula luctus nec. Phasellus semper velit eget aliquet faucibus. In a mattis elit. Phasellus vel urna viverra, condimentum lorem id, rhoncus nibh. Ut pellentesque posuere elementum. Sed a varius odio. Morbi rhoncus ligula libero, vel eleifend nunc tristique vitae. Fusce et sem dui. Aenean nec scelerisque tortor. Fusce malesuada accumsan magna vel tempus. Quisque mollis felis eu dolor tristique, sit amet auctor felis gravida. Sed libero lorem, molestie sed nisl in, accumsan tempor nisi. Fusce sollicitudin massa ut lacinia mattis. Sed vel eleifend lorem. Pellentesque vitae felis pretium, pulvinar elit eu, euismod sapien.
         */
        get: operations["findPets"];
        put?: never;
        /** @description Creates a new pet in the store. Duplicates are allowed */
        post: operations["addPet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Returns a user based on a single ID, if the user does not have access to the pet */
        get: operations["find pet by id"];
        put?: never;
        post?: never;
        /** @description deletes a single pet based on the ID supplied */
        delete: operations["deletePet"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Pet: components["schemas"]["NewPet"] & {
            /** Format: int64 */
            id: number;
        };
        NewPet: {
            name: string;
            tag?: string;
        };
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
    findPets: {
        parameters: {
            query?: {
                /** @description tags to filter by */
                tags?: string[];
                /** @description maximum number of results to return */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description pet response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pet"][];
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
    addPet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Pet to add to the store */
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewPet"];
            };
        };
        responses: {
            /** @description pet response */
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
    "find pet by id": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description ID of pet to fetch */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description pet response */
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
    deletePet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description ID of pet to delete */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description pet deleted */
            204: {
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
}

export type Pet = components["schemas"]["Pet"]
export type NewPet = components["schemas"]["NewPet"]
export type Error = components["schemas"]["Error"]

export type FindPetsInput = { query?: NonNullable<paths["/pets"]["get"]["parameters"]["query"]> }
export type FindPetsData = paths["/pets"]["get"]["responses"]["200"]["content"]["application/json"]
export type FindPetsError = __ErrorResponse<"default", paths["/pets"]["get"]["responses"]["default"]["content"]["application/json"]>
/**
 * `GET /pets`
 */
export const findPets: __Operation<FindPetsInput, FindPetsData, FindPetsError>
export type AddPetInput = { body: NonNullable<paths["/pets"]["post"]["requestBody"]>["content"]["application/json"] }
export type AddPetData = paths["/pets"]["post"]["responses"]["200"]["content"]["application/json"]
export type AddPetError = __ErrorResponse<"default", paths["/pets"]["post"]["responses"]["default"]["content"]["application/json"]>
/**
 * `POST /pets`
 */
export const addPet: __Operation<AddPetInput, AddPetData, AddPetError>
export type FindPetByIdInput = { path: NonNullable<paths["/pets/{id}"]["get"]["parameters"]["path"]> }
export type FindPetByIdData = paths["/pets/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
export type FindPetByIdError = __ErrorResponse<"default", paths["/pets/{id}"]["get"]["responses"]["default"]["content"]["application/json"]>
/**
 * `GET /pets/{id}`
 */
export const findPetById: __Operation<FindPetByIdInput, FindPetByIdData, FindPetByIdError>
export type DeletePetInput = { path: NonNullable<paths["/pets/{id}"]["delete"]["parameters"]["path"]> }
export type DeletePetData = undefined
export type DeletePetError = __ErrorResponse<"default", paths["/pets/{id}"]["delete"]["responses"]["default"]["content"]["application/json"]>
/**
 * `DELETE /pets/{id}`
 */
export const deletePet: __Operation<DeletePetInput, DeletePetData, DeletePetError>

type __Tree = { findPets: typeof findPets; addPet: typeof addPet; findPetById: typeof findPetById; deletePet: typeof deletePet }
export function configure(options: __ApiClientOptions<never>): void
export function createClient(options?: __ApiClientOptions<never>): __Tree
declare const __default: __Tree & { configure: typeof configure; createClient: typeof createClient }
export default __default
