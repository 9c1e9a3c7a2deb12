export class EmbeddedDatabaseError extends Error {}
