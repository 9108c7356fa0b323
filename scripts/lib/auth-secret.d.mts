export declare const MIN_SECRET_LENGTH: number;
export declare function authSecretProblem(secret: string | undefined): string | null;
