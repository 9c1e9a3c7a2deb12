// Placeholder: replaced by the embedded-engine setup in the foundation commit.
export default async function globalSetup(): Promise<void> {}
