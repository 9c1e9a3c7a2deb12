import type { Connection, Model, Schema } from 'mongoose';

/** The model registered on this connection, created once (each app instance has its own connection). */
export function modelFor<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}
