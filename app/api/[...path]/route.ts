// Any other address under /api (say /api/v2, or /api/v1/../x as a client resolves it) answers in JSON too.
export { GET, POST, PUT, PATCH, DELETE } from '../v1/[...path]/route';
