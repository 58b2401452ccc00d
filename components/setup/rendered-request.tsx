import type { RenderedPreview } from "@/lib/query/endpoints";
import { Card } from "@/components/ui/card";

/** One request as it goes on the wire: POST line, headers in order, body bytes. Text only. */
export function RenderedRequest({
  title,
  request,
  testId,
}: {
  title: string;
  request: RenderedPreview;
  testId: string;
}) {
  return (
    <Card className="space-y-2" data-testid={testId}>
      <h3 className="text-sm font-semibold text-slate-700">{title}</h3>
      <table className="w-full text-left font-mono text-xs">
        <tbody>
          <tr>
            <td colSpan={2} className="pb-1 text-slate-500">
              POST {"<receiver URL>"} HTTP/1.1
            </td>
          </tr>
          {request.headers.map(([name, value], index) => (
            <tr key={`${name}-${index}`} className="align-top">
              <th
                scope="row"
                className="w-48 py-0.5 pr-3 font-medium whitespace-nowrap text-slate-600"
              >
                {name}
              </th>
              <td className="py-0.5 break-all">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <pre
        className="code-block max-h-72 overflow-auto rounded p-3 text-xs break-all whitespace-pre-wrap"
        data-testid={`${testId}-body`}
      >
        {request.body}
      </pre>
    </Card>
  );
}
