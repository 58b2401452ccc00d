import { describe, expect, it } from "vitest";
import { isLoopbackUrl } from "./loopback-url";

describe("isLoopbackUrl", () => {
  it("recognises every spelling of this machine", () => {
    for (const base of [
      "http://localhost:3000",
      "http://LOCALHOST",
      "http://app.localhost:3000",
      "http://127.0.0.1:3000",
      "http://127.8.9.10",
      "http://[::1]:3000",
      "http://[::ffff:127.0.0.1]:3000",
      "http://0.0.0.0:3000",
    ]) {
      expect(isLoopbackUrl(base), base).toBe(true);
    }
  });

  it("leaves addresses other hosts can reach, and text that is no URL", () => {
    for (const base of [
      "http://10.0.0.5:3000",
      "https://hooklens.example.com",
      "http://192.168.1.20",
      "http://localhost.example.com",
      "not a url",
    ]) {
      expect(isLoopbackUrl(base), base).toBe(false);
    }
  });
});
