import {
  createEndpointSchema,
  crossFieldErrors,
  RESOURCE_SCOPES,
} from "../endpoints/endpoint-settings";
import type { EndpointInput } from "../endpoints/endpoint-types";

/**
 * The wizard's form and its translation to the endpoint API's fields. Field errors come
 * from the same zod schema the API validates with (lib/endpoints/endpoint-settings), so
 * the form refuses exactly what the API would answer 422 to, field by field.
 */
export type KeyValueRow = {
  id: string;
  key: string;
  value: string;
  /** value is raw JSON */ json: boolean;
};

export type RobotForm = {
  name: string;
  headerRows: KeyValueRow[];
  bodyRows: KeyValueRow[];
  msgKey: string;
  /** Empty when editing means "keep the stored secret". */
  secretKey: string;
  clearSecret: boolean;
  useTemplate: boolean;
  topics: string[];
  resourceScope: (typeof RESOURCE_SCOPES)[number];
  subscriptionEnabled: boolean;
};

/** Errors by form field: "name", "msg_key", "secret_key", "header.<row id>", "body.<row id>". */
export type FormErrors = Record<string, string>;

export type FormContext = { editing: boolean; hasStoredSecret: boolean };

let rowCounter = 0;
export function newRow(key = "", value = "", json = false): KeyValueRow {
  rowCounter += 1;
  return { id: `row-${rowCounter}`, key, value, json };
}

function rowsToObject(rows: KeyValueRow[], section: "header" | "body", errors: FormErrors) {
  const object: Record<string, unknown> = {};
  const seen = new Map<string, string>();
  for (const row of rows) {
    const key = row.key.trim();
    if (key === "" && row.value === "") continue;
    const field = `${section}.${row.id}`;
    if (key === "") {
      errors[field] = "a name is required";
      continue;
    }
    // HTTP header names are case-insensitive: the platform would keep only one of them.
    const identity = section === "header" ? key.toLowerCase() : key;
    if (seen.has(identity)) {
      errors[field] = `"${key}" is already set above`;
      continue;
    }
    seen.set(identity, row.id);
    if (!row.json) {
      object[key] = row.value;
      continue;
    }
    try {
      object[key] = JSON.parse(row.value) as unknown;
    } catch {
      errors[field] = "not valid JSON";
    }
  }
  return object;
}

function rowIdFor(rows: KeyValueRow[], key: string): string | undefined {
  return rows.find((row) => row.key.trim() === key)?.id;
}

/** Moves an API field path ("header.X-Team", "body.Msg") onto the form field showing it. */
function formField(path: string, form: RobotForm): string {
  const [section, ...rest] = path.split(".");
  const key = rest.join(".");
  if (section === "header" || section === "body") {
    const id = rowIdFor(section === "header" ? form.headerRows : form.bodyRows, key);
    if (id) return `${section}.${id}`;
  }
  return section ?? path;
}

function secretField(form: RobotForm, context: FormContext): { secret_key?: string | null } {
  if (form.clearSecret) return { secret_key: null };
  if (form.secretKey !== "") return { secret_key: form.secretKey };
  return context.editing && context.hasStoredSecret ? {} : { secret_key: null };
}

export function formToFields(
  form: RobotForm,
  context: FormContext,
): { fields: EndpointInput; errors: FormErrors } {
  const errors: FormErrors = {};
  const fields = {
    name: form.name,
    header: rowsToObject(form.headerRows, "header", errors),
    body: rowsToObject(form.bodyRows, "body", errors),
    msg_key: form.msgKey,
    ...secretField(form, context),
    use_template: form.useTemplate,
    topics: form.topics,
    resource_scope: form.resourceScope,
    subscription_enabled: form.subscriptionEnabled,
  };
  const parsed = createEndpointSchema.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formField(issue.path.map(String).join("."), form);
      errors[field] ??= issue.message;
    }
  }
  for (const issue of crossFieldErrors({
    body: fields.body,
    msg_key: form.msgKey,
  })) {
    errors[formField(issue.field, form)] ??= issue.message;
  }
  return { fields, errors };
}

/** The first step's fields: the robot itself. */
export const ROBOT_FIELDS = ["name", "header", "body", "msg_key", "secret_key"];

export function robotErrors(errors: FormErrors): FormErrors {
  return Object.fromEntries(
    Object.entries(errors).filter(([field]) => ROBOT_FIELDS.includes(field.split(".")[0] ?? "")),
  );
}

function toRows(object: Record<string, unknown>): KeyValueRow[] {
  return Object.entries(object).map(([key, value]) =>
    typeof value === "string" ? newRow(key, value) : newRow(key, JSON.stringify(value), true),
  );
}

export function emptyForm(topics: readonly string[]): RobotForm {
  return {
    name: "",
    headerRows: [],
    bodyRows: [],
    msgKey: "",
    secretKey: "",
    clearSecret: false,
    useTemplate: false,
    topics: [...topics],
    resourceScope: "system",
    subscriptionEnabled: true,
  };
}

export function formFromEndpoint(endpoint: {
  name: string;
  header: Record<string, unknown>;
  body: Record<string, unknown>;
  msg_key: string;
  use_template: boolean;
  topics: string[];
  resource_scope: string;
  subscription_enabled: boolean;
}): RobotForm {
  const scope = RESOURCE_SCOPES.find((s) => s === endpoint.resource_scope) ?? "system";
  return {
    ...emptyForm(endpoint.topics),
    name: endpoint.name,
    headerRows: toRows(endpoint.header),
    bodyRows: toRows(endpoint.body),
    msgKey: endpoint.msg_key,
    useTemplate: endpoint.use_template,
    resourceScope: scope,
    subscriptionEnabled: endpoint.subscription_enabled,
  };
}
