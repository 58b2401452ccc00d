import { RuleForm } from "@/components/forwarding/rule-form";
import { RuleList } from "@/components/forwarding/rule-list";
import { Card } from "@/components/ui/card";

export default function ForwardsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Forwarding</h1>
      <Card className="space-y-2">
        <h2 className="text-sm font-semibold text-slate-700">Rules</h2>
        <RuleList />
      </Card>
      <Card className="space-y-2">
        <h2 className="text-sm font-semibold text-slate-700">New rule</h2>
        <RuleForm />
      </Card>
    </div>
  );
}
