export async function runDiff(_o: { content: string; base: string; head?: string; format: "markdown" | "json"; report?: string }): Promise<number> { return 0; }
