import { describe, expect, it } from "vitest";
import { keyWords, makeSecretKeyMatcher } from "./secret-keys";

describe("keyWords", () => {
  it("splits camelCase, acronyms, snake, kebab, dotted and spaced keys, and drops a plural s", () => {
    expect(keyWords("adminPassword")).toEqual(["admin", "password"]);
    expect(keyWords("APIKey")).toEqual(["api", "key"]);
    expect(keyWords("SECRET_KEY")).toEqual(["secret", "key"]);
    expect(keyWords("db.password")).toEqual(["db", "password"]);
    expect(keyWords("root-passwords")).toEqual(["root", "password"]);
    expect(keyWords("private key ")).toEqual(["private", "key"]);
    expect(keyWords("k12_password")).toEqual(["k12", "password"]);
    expect(keyWords("address")).toEqual(["address"]);
    expect(keyWords("主机密码")).toEqual(["主机密码"]);
    expect(keyWords("__")).toEqual([]);
  });
});

describe("makeSecretKeyMatcher", () => {
  const isSecret = makeSecretKeyMatcher();

  it("matches every spelling of the secret keys by their words", () => {
    const secret = [
      "password",
      "Password",
      "PASSWORD",
      "adminPassword",
      "admin_password",
      "admin-password",
      "db.password",
      "root_passwords",
      "rootpassword",
      "passwd",
      "new_passwd",
      "pwd",
      "passphrase",
      "secret",
      "clientSecret",
      "client_secrets",
      "secretKey",
      "secret_key",
      "secret-key",
      "SecretAccessKey",
      "access_key_secret",
      "api_key",
      "apiKey",
      "API-KEY",
      "apikey",
      "x-api-key",
      "access_token",
      "accessToken",
      "refresh_tokens",
      "auth_token",
      "private_key",
      "privateKey",
      "ssh.private_key",
      "credentials",
    ];
    expect(secret.filter((key) => !isSecret(key))).toEqual([]);
  });

  it("leaves the platform's fields that only talk about secrets", () => {
    // Field names from the platform's resource_details (cloudpods-webhook.md and the
    // simulator's resources): names, counts, dates and flags, not secret values.
    const platform = [
      "login_account",
      "account",
      "keypair",
      "keypair_id",
      "public_key",
      "failed_auth_count",
      "password_expires_at",
      "password_expire_days",
      "passwordExpireSoon",
      "secret_id",
      "secgroups",
      "secgroup_id",
      "access_key",
      "key",
      "token_expired_at",
      "msg_key",
      "disks_info",
      "is_system_account",
      "project_domain",
      "monkey",
      "status",
    ];
    expect(platform.filter((key) => isSecret(key))).toEqual([]);
    // Flags such as has_password and is_secret do match; their true/false stays
    // (redact-secrets.test.ts), since a boolean says whether, not what.
  });

  it("takes configured keys on top of the password words, matched the same way", () => {
    const matcher = makeSecretKeyMatcher(["login_account", "token"]);
    expect(matcher("loginAccount")).toBe(true);
    expect(matcher("login-accounts")).toBe(true);
    expect(matcher("pageToken")).toBe(true);
    expect(matcher("db_password")).toBe(true);
    // The default list is replaced: api_key is no longer among them.
    expect(matcher("api_key")).toBe(false);
  });

  it("first looks at the raw text for a key ending with one of the words", () => {
    const { keyPattern } = isSecret;
    expect(keyPattern.test('{"adminPassword":"x"}')).toBe(true);
    expect(keyPattern.test('{\\"api_keys\\" : 1}')).toBe(true);
    expect(keyPattern.test('{"password_expire_days":3,"keypair":"kp"}')).toBe(false);
  });
  it("passes over keys by their ending without missing a spelling the words match", () => {
    const isSecret = makeSecretKeyMatcher();
    // Kelvin sign: toLowerCase folds it into k, so the words say "api key".
    expect(isSecret("api_\u212Aey")).toBe(true);
    expect(isSecret("PASSWORDS__")).toBe(true);
    expect(isSecret("db.password.")).toBe(true);
    expect(isSecret("secret🔑")).toBe(false);
    expect(isSecret("password1")).toBe(false);
    expect(isSecret("passwordHash")).toBe(false);
    expect(isSecret("_a1b")).toBe(false);
  });
});
