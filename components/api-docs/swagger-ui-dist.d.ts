// swagger-ui-dist ships no types; this is the one call the reference makes (options as documented by Swagger UI).
declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  type SwaggerUIOptions = {
    domNode: HTMLElement;
    url: string;
    supportedSubmitMethods?: string[];
    defaultModelsExpandDepth?: number;
    deepLinking?: boolean;
    validatorUrl?: string | null;
  };
  const SwaggerUI: (options: SwaggerUIOptions) => unknown;
  export default SwaggerUI;
}
