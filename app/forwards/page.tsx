import { RuleForm } from "@/components/forwarding/rule-form";
import { RuleList } from "@/components/forwarding/rule-list";

export default function ForwardsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Forwarding</h1>
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-semibold text-slate-700">Rules</h2>
        <RuleList />
      </section>
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-semibold text-slate-700">New rule</h2>
        <RuleForm />
      </section>
    </div>
  );
}
