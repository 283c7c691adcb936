import type { ApiClientOptions as __ApiClientOptions, ErrorResponse as __ErrorResponse, Operation as __Operation, ServerSentEvent as __ServerSentEvent } from "@codomyrmex/networking/runtime/types"

export interface paths {
    "/discriminator-with-mapping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * oneOf with discriminator and mapping
         * @description Polymorphic `oneOf` schema with a top-level discriminator and a mapping definition.
         */
        patch: operations["oneOfWithTopLevelDiscriminatorAndMapping"];
        trace?: never;
    };
    "/discriminator-with-no-mapping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * oneOf with top-level discriminator (no mapping)
         * @description Polymorphic `oneOf` schema with a top-level discriminator and **no** mapping definition.
         */
        patch: operations["oneOfWithTopLevelDiscriminatorNoMapping"];
        trace?: never;
    };
    "/embedded-discriminator": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * oneOf request with a nested allOf and embedded discriminator
         * @description This operation contains a request schema of a `oneOf` that itself contains an `allOf` with a discriminator for the afformentioned `allOf`. This is considered an embedded discriminator.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["Cat"] | components["schemas"]["Dog"];
                };
            };
            responses: {
                /** @description Updated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/oneof-allof-top-level-disc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * oneOf request with a nested allOf and top level discriminator
         * @description This operation has a `oneOf`, with a discriminator, but its `oneOf` contents contain an `allOf` where that discriminator `propertyName` is in reference to.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["CatNoDisc"] | components["schemas"]["DogNoDisc"];
                };
            };
            responses: {
                /** @description Updated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/nested-one-of-object-with-nested-one-of": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** oneOf request with a nested oneOf, and embedded discriminator */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        config?: components["schemas"]["object1"] | components["schemas"]["object2"] | (components["schemas"]["Cat"] | components["schemas"]["Dog"]);
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/mapping-with-duplicate-schemas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Handle a schema with duplicate mapping schemas
         * @description Render a schema with a discriminator, where the mapping reuses a schema more than once.
         *     > **Note:** the discriminator is `discrimValue`, not `discrim`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        discrimValue?: "oneA" | "oneB" | "oneC" | "twoA" | "twoB" | "three";
                    } & (components["schemas"]["OptionOneNoDisc"] | components["schemas"]["OptionTwoNoDisc"] | components["schemas"]["OptionThreeNoDisc"]);
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/mapping-of-schema-names": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Discriminator with a schema name mapping
         * @description Schema names, instead of `$ref` pointers, can be used in discriminator mappings.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["OptionOneNoDisc"] | components["schemas"]["OptionTwoNoDisc"];
                };
            };
            responses: {
                /** @description Updated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/improper-discriminator-placement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * oneOf with a discriminator that is referencing a property up a level
         * @description This operation has a `discriminator` that's in reference to a property a level above it. **This is an improper use of discriminators.** Though this is improper, in this case we should ignore the discriminator instead of failing to render the operation.
         */
        patch: operations["oneOfWithImproperlyPlacedDiscriminator"];
        trace?: never;
    };
    "/redocly-flavored-discriminator": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Discriminator without `anyOf` or `oneOf` that Redocly supports
         * @description Redocly allows users to define [a discriminator mapping without an `anyOf` or `oneOf` that contains the discriminated objects](https://redocly.com/docs/resources/discriminator#allof-for-inheritance). This endpoint demonstrates that.
         */
        patch: operations["redoclyQuirk"];
        trace?: never;
    };
    "/potentially-undefined-formData": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Handling for potentially undefined formData
         * @description This operation contains a schema that at one point produced an edgecase within the form system where `formData` was `undefined`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ApplicationApprovedEvent"] | components["schemas"]["ApplicationDeniedEvent"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
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
        /** Schema title option one */
        OptionOneNoDisc: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            discrim: "Option One";
            optionone?: number;
        };
        /** Schema title option two */
        OptionTwoNoDisc: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            discrim: "Option Two";
            optiontwo?: string;
        };
        /** Schema title option three */
        OptionThreeNoDisc: {
            discrim: string;
            optionthree?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            discrimValue: "three";
        };
        Pet: {
            pet_type: string;
        };
        /** Woof */
        Dog: {
            pet_type: "Dog";
        } & (Omit<components["schemas"]["Pet"], "pet_type"> & {
            bark?: boolean;
            /** @enum {string} */
            breed?: "Dingo" | "Husky" | "Retriever" | "Shepherd";
        });
        /** Meow */
        Cat: {
            pet_type: "Cat";
        } & (Omit<components["schemas"]["Pet"], "pet_type"> & {
            hunts?: boolean;
            age?: number;
        });
        /** First type of object */
        object1: {
            a?: string;
            b?: string;
        };
        /** Second type of object */
        object2: {
            c?: string;
            d?: string;
        };
        string1: string;
        string2: string;
        PetNoDisc: {
            pet_type: string;
        };
        /** Woof */
        DogNoDisc: components["schemas"]["PetNoDisc"] & {
            bark?: boolean;
            /** @enum {string} */
            breed?: "Dingo" | "Husky" | "Retriever" | "Shepherd";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            pet_type: "DogNoDisc";
        };
        /** Meow */
        CatNoDisc: components["schemas"]["PetNoDisc"] & {
            hunts?: boolean;
            age?: number;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            pet_type: "CatNoDisc";
        };
        gcsImport: {
            gcs_bucket?: string;
            gcs_prefix?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            connector_type: "gcsImport";
        };
        s3Import: {
            s3_bucket?: string;
            s3_prefix?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            connector_type: "s3Import";
        };
        /**
         * ApplicationApprovedEvent
         * @description Emitted when an application is underwritten and approved.
         */
        ApplicationApprovedEvent: components["schemas"]["BasePurchaseWebhookEvent"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            event_type: "application_approved";
        };
        /**
         * ApplicationDeniedEvent
         * @description Emitted when an application is underwritten and denied.
         */
        ApplicationDeniedEvent: components["schemas"]["BasePurchaseWebhookEvent"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            event_type: "application_denied";
        };
        BasePurchaseWebhookEvent: components["schemas"]["BaseBuyerWebhookEvent"] & {
            /** @description Provided Partner Order ID. */
            order_id?: string;
        };
        BaseBuyerWebhookEvent: components["schemas"]["BaseWebhookEvent"] & {
            /** @description ID of the buyer the event corresponds to. */
            buyer_id: string;
        };
        BaseWebhookEvent: {
            /**
             * @description Type of the webhook event.
             * @enum {string}
             */
            event_type: "application_approved" | "application_denied";
            /** @description ID of the event. */
            event_id: string;
        };
        /** @description Vehicle (from [Redocly example](https://redocly.com/docs/resources/discriminator#when-to-use-the-openapi-discriminator)) */
        BaseVehicle: {
            /**
             * @description The type of vehicle.
             * @example bicycle
             */
            vehicleType?: string;
            /**
             * @description A road, river, air... Where does this vehicle thrive?
             * @example roads
             */
            idealTerrain?: string;
            /**
             * @description How is the vehicle powered.
             * @example pedaling
             */
            powerSource?: string;
            /**
             * @description The top speed in kilometers per hour rounded to the nearest integer.
             * @example 83
             */
            topSpeed?: number;
            /**
             * @description The 95th percentile range of a trip in kilometers.
             * @example 100
             */
            range?: number;
        };
        ElectricVehicle: Omit<components["schemas"]["BaseVehicle"], "powerSource"> & {
            /** @description In range kilometers per hour. */
            chargeSpeed?: number;
            /** @description Amps recommended for charging. */
            chargeAmps?: number;
            /** @description Voltage recommended for charging. */
            chargeVoltage?: number;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            powerSource: "electricity";
        };
        FueledVehicle: Omit<components["schemas"]["BaseVehicle"], "powerSource"> & {
            /**
             * Format: double
             * @description Capacity of the fuel tank in gallons.
             */
            tankCapacity?: number;
            /**
             * Format: double
             * @description Miles per gallon on the highway.
             */
            milesPerGallon?: number;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            powerSource: "gasoline";
        };
        PedaledVehicle: Omit<components["schemas"]["BaseVehicle"], "powerSource"> & {
            /**
             * @description Type of handlebars
             * @enum {string}
             */
            handlebars?: "flat" | "riser" | "bullhorn" | "drop" | "aero" | "cruiser";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            powerSource: "human-energy";
        };
    };
    responses: never;
    parameters: never;
    requestBodies: {
        "nested-one-of-ref": {
            content: {
                "application/json": {
                    config?: components["schemas"]["string1"] | components["schemas"]["string2"];
                };
            };
        };
    };
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
type WithRequired<T, K extends PropertyKey> = T & {
    [P in K & keyof NonNullable<T>]-?: NonNullable<T>[P];
};
export interface operations {
    oneOfWithTopLevelDiscriminatorAndMapping: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["OptionOneNoDisc"] | components["schemas"]["OptionTwoNoDisc"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    oneOfWithTopLevelDiscriminatorNoMapping: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["OptionOneNoDisc"] | components["schemas"]["OptionTwoNoDisc"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    oneOfWithImproperlyPlacedDiscriminator: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    connector_type?: "s3Import" | "gcsImport";
                    connector_properties?: components["schemas"]["gcsImport"] | components["schemas"]["s3Import"];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    redoclyQuirk: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    vehicle?: components["schemas"]["BaseVehicle"];
                    /**
                     * @description Some other property that should render alongside the discriminated property
                     * @default default-value
                     */
                    some_other_property?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}

export type OptionOneNoDisc = components["schemas"]["OptionOneNoDisc"]
export type OptionTwoNoDisc = components["schemas"]["OptionTwoNoDisc"]
export type OptionThreeNoDisc = components["schemas"]["OptionThreeNoDisc"]
export type Pet = components["schemas"]["Pet"]
export type Dog = components["schemas"]["Dog"]
export type Cat = components["schemas"]["Cat"]
export type Object1 = components["schemas"]["object1"]
export type Object2 = components["schemas"]["object2"]
export type String1 = components["schemas"]["string1"]
export type String2 = components["schemas"]["string2"]
export type PetNoDisc = components["schemas"]["PetNoDisc"]
export type DogNoDisc = components["schemas"]["DogNoDisc"]
export type CatNoDisc = components["schemas"]["CatNoDisc"]
export type GcsImport = components["schemas"]["gcsImport"]
export type S3Import = components["schemas"]["s3Import"]
export type ApplicationApprovedEvent = components["schemas"]["ApplicationApprovedEvent"]
export type ApplicationDeniedEvent = components["schemas"]["ApplicationDeniedEvent"]
export type BasePurchaseWebhookEvent = components["schemas"]["BasePurchaseWebhookEvent"]
export type BaseBuyerWebhookEvent = components["schemas"]["BaseBuyerWebhookEvent"]
export type BaseWebhookEvent = components["schemas"]["BaseWebhookEvent"]
export type BaseVehicle = components["schemas"]["BaseVehicle"]
export type ElectricVehicle = components["schemas"]["ElectricVehicle"]
export type FueledVehicle = components["schemas"]["FueledVehicle"]
export type PedaledVehicle = components["schemas"]["PedaledVehicle"]

export type OneOfWithTopLevelDiscriminatorAndMappingInput = { body?: NonNullable<paths["/discriminator-with-mapping"]["patch"]["requestBody"]>["content"]["application/json"] }
export type OneOfWithTopLevelDiscriminatorAndMappingData = undefined
export type OneOfWithTopLevelDiscriminatorAndMappingError = never
/**
 * oneOf with discriminator and mapping
 * `PATCH /discriminator-with-mapping`
 */
export const oneOfWithTopLevelDiscriminatorAndMapping: __Operation<OneOfWithTopLevelDiscriminatorAndMappingInput, OneOfWithTopLevelDiscriminatorAndMappingData, OneOfWithTopLevelDiscriminatorAndMappingError>
export type OneOfWithTopLevelDiscriminatorNoMappingInput = { body?: NonNullable<paths["/discriminator-with-no-mapping"]["patch"]["requestBody"]>["content"]["application/json"] }
export type OneOfWithTopLevelDiscriminatorNoMappingData = undefined
export type OneOfWithTopLevelDiscriminatorNoMappingError = never
/**
 * oneOf with top-level discriminator (no mapping)
 * `PATCH /discriminator-with-no-mapping`
 */
export const oneOfWithTopLevelDiscriminatorNoMapping: __Operation<OneOfWithTopLevelDiscriminatorNoMappingInput, OneOfWithTopLevelDiscriminatorNoMappingData, OneOfWithTopLevelDiscriminatorNoMappingError>
export type PatchEmbeddedDiscriminatorInput = { body?: NonNullable<paths["/embedded-discriminator"]["patch"]["requestBody"]>["content"]["application/json"] }
export type PatchEmbeddedDiscriminatorData = undefined
export type PatchEmbeddedDiscriminatorError = never
/**
 * oneOf request with a nested allOf and embedded discriminator
 * `PATCH /embedded-discriminator`
 */
export const patchEmbeddedDiscriminator: __Operation<PatchEmbeddedDiscriminatorInput, PatchEmbeddedDiscriminatorData, PatchEmbeddedDiscriminatorError>
export type PatchOneofAllofTopLevelDiscInput = { body?: NonNullable<paths["/oneof-allof-top-level-disc"]["patch"]["requestBody"]>["content"]["application/json"] }
export type PatchOneofAllofTopLevelDiscData = undefined
export type PatchOneofAllofTopLevelDiscError = never
/**
 * oneOf request with a nested allOf and top level discriminator
 * `PATCH /oneof-allof-top-level-disc`
 */
export const patchOneofAllofTopLevelDisc: __Operation<PatchOneofAllofTopLevelDiscInput, PatchOneofAllofTopLevelDiscData, PatchOneofAllofTopLevelDiscError>
export type PatchNestedOneOfObjectWithNestedOneOfInput = { body?: NonNullable<paths["/nested-one-of-object-with-nested-one-of"]["patch"]["requestBody"]>["content"]["application/json"] }
export type PatchNestedOneOfObjectWithNestedOneOfData = undefined
export type PatchNestedOneOfObjectWithNestedOneOfError = never
/**
 * oneOf request with a nested oneOf, and embedded discriminator
 * `PATCH /nested-one-of-object-with-nested-one-of`
 */
export const patchNestedOneOfObjectWithNestedOneOf: __Operation<PatchNestedOneOfObjectWithNestedOneOfInput, PatchNestedOneOfObjectWithNestedOneOfData, PatchNestedOneOfObjectWithNestedOneOfError>
export type PatchMappingWithDuplicateSchemasInput = { body?: NonNullable<paths["/mapping-with-duplicate-schemas"]["patch"]["requestBody"]>["content"]["application/json"] }
export type PatchMappingWithDuplicateSchemasData = undefined
export type PatchMappingWithDuplicateSchemasError = never
/**
 * Handle a schema with duplicate mapping schemas
 * `PATCH /mapping-with-duplicate-schemas`
 */
export const patchMappingWithDuplicateSchemas: __Operation<PatchMappingWithDuplicateSchemasInput, PatchMappingWithDuplicateSchemasData, PatchMappingWithDuplicateSchemasError>
export type PatchMappingOfSchemaNamesInput = { body?: NonNullable<paths["/mapping-of-schema-names"]["patch"]["requestBody"]>["content"]["application/json"] }
export type PatchMappingOfSchemaNamesData = undefined
export type PatchMappingOfSchemaNamesError = never
/**
 * Discriminator with a schema name mapping
 * `PATCH /mapping-of-schema-names`
 */
export const patchMappingOfSchemaNames: __Operation<PatchMappingOfSchemaNamesInput, PatchMappingOfSchemaNamesData, PatchMappingOfSchemaNamesError>
export type OneOfWithImproperlyPlacedDiscriminatorInput = { body?: NonNullable<paths["/improper-discriminator-placement"]["patch"]["requestBody"]>["content"]["application/json"] }
export type OneOfWithImproperlyPlacedDiscriminatorData = undefined
export type OneOfWithImproperlyPlacedDiscriminatorError = never
/**
 * oneOf with a discriminator that is referencing a property up a level
 * `PATCH /improper-discriminator-placement`
 */
export const oneOfWithImproperlyPlacedDiscriminator: __Operation<OneOfWithImproperlyPlacedDiscriminatorInput, OneOfWithImproperlyPlacedDiscriminatorData, OneOfWithImproperlyPlacedDiscriminatorError>
export type RedoclyQuirkInput = { body?: NonNullable<paths["/redocly-flavored-discriminator"]["patch"]["requestBody"]>["content"]["application/json"] }
export type RedoclyQuirkData = undefined
export type RedoclyQuirkError = never
/**
 * Discriminator without `anyOf` or `oneOf` that Redocly supports
 * `PATCH /redocly-flavored-discriminator`
 */
export const redoclyQuirk: __Operation<RedoclyQuirkInput, RedoclyQuirkData, RedoclyQuirkError>
export type PostPotentiallyUndefinedFormDataInput = { body: NonNullable<paths["/potentially-undefined-formData"]["post"]["requestBody"]>["content"]["application/json"] }
export type PostPotentiallyUndefinedFormDataData = undefined
export type PostPotentiallyUndefinedFormDataError = never
/**
 * Handling for potentially undefined formData
 * `POST /potentially-undefined-formData`
 */
export const postPotentiallyUndefinedFormData: __Operation<PostPotentiallyUndefinedFormDataInput, PostPotentiallyUndefinedFormDataData, PostPotentiallyUndefinedFormDataError>

type __Tree = { oneOfWithTopLevelDiscriminatorAndMapping: typeof oneOfWithTopLevelDiscriminatorAndMapping; oneOfWithTopLevelDiscriminatorNoMapping: typeof oneOfWithTopLevelDiscriminatorNoMapping; patchEmbeddedDiscriminator: typeof patchEmbeddedDiscriminator; patchOneofAllofTopLevelDisc: typeof patchOneofAllofTopLevelDisc; patchNestedOneOfObjectWithNestedOneOf: typeof patchNestedOneOfObjectWithNestedOneOf; patchMappingWithDuplicateSchemas: typeof patchMappingWithDuplicateSchemas; patchMappingOfSchemaNames: typeof patchMappingOfSchemaNames; oneOfWithImproperlyPlacedDiscriminator: typeof oneOfWithImproperlyPlacedDiscriminator; redoclyQuirk: typeof redoclyQuirk; postPotentiallyUndefinedFormData: typeof postPotentiallyUndefinedFormData; Quirks: { oneOfWithImproperlyPlacedDiscriminator: typeof oneOfWithImproperlyPlacedDiscriminator; redoclyQuirk: typeof redoclyQuirk; postPotentiallyUndefinedFormData: typeof postPotentiallyUndefinedFormData } }
export function configure(options: __ApiClientOptions<never>): void
export function createClient(options?: __ApiClientOptions<never>): __Tree
declare const __default: __Tree & { configure: typeof configure; createClient: typeof createClient }
export default __default
