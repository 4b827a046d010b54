// Placeholder until the render engine lands: builds nothing.
export async function buildEngine() {}
