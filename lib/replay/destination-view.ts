/** A saved replay target as the API shows it. */
export type DestinationView = { id: number; name: string; url: string; created_at: string };

export function destinationView(row: {
  id: number;
  name: string;
  url: string;
  createdAt: Date;
}): DestinationView {
  return { id: row.id, name: row.name, url: row.url, created_at: row.createdAt.toISOString() };
}
