import { LoginForm } from "@/components/auth/login-form";
import { safeNext } from "@/lib/auth/safe-next";

export const metadata = { title: "Log in" };

export const dynamic = "force-dynamic";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { next } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-4 py-8">
      <h1 className="text-xl font-semibold">Log in to Hooklens</h1>
      <p className="text-sm text-slate-600">
        Enter the admin token: the value of <code>HOOKLENS_ADMIN_TOKEN</code>, or the one Hooklens
        generated at its first start and keeps in the <code>admin-token</code> file beside its
        database.
      </p>
      <LoginForm next={safeNext(typeof next === "string" ? next : null)} />
    </div>
  );
}
