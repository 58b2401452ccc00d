/**
 * A forwarding target in its own process, as a consumer runs in a real deployment (a
 * CMDB sync, a chat relay): it reads each request's body and answers 200 `{}`, with
 * keep-alive. In the load generator's process its work slowed the load itself.
 */
import { createServer } from "node:http";

const port = Number(process.argv[2] ?? 0);

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "2" });
    res.end("{}");
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`sink ready ${typeof address === "object" && address ? address.port : port}`);
});
process.on("SIGTERM", () => {
  server.close();
  process.exit(0);
});
