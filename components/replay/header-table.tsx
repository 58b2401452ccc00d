/** Header pairs in order, as text. */
export function HeaderTable({
  headers,
  testId,
}: {
  headers: Array<[string, string]>;
  testId?: string;
}) {
  if (headers.length === 0) return <p className="text-xs text-slate-500">No headers.</p>;
  return (
    <table className="w-full text-left font-mono text-xs" data-testid={testId}>
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={`${name}-${i}`} className="border-b border-slate-100">
            <td className="py-1 pr-4 align-top whitespace-nowrap text-slate-500">{name}</td>
            <td className="py-1 break-all">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BodyText({ text, testId }: { text: string; testId?: string }) {
  return (
    <pre
      data-testid={testId}
      className="code-block max-h-80 overflow-auto rounded p-3 font-mono text-xs break-all whitespace-pre-wrap"
    >
      {text === "" ? "(empty)" : text}
    </pre>
  );
}
