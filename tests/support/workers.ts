/** Files that run at once in the integration project (`INTEGRATION_WORKERS`, 2 unless said): each has its own DynamoDB Local. */
export const integrationWorkers = (): number => Math.max(1, Number(process.env.INTEGRATION_WORKERS ?? 2) || 2);
