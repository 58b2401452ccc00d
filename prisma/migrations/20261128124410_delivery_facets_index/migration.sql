-- CreateIndex
CREATE INDEX "deliveries_endpoint_id_resource_type_action_result_kind_idx" ON "deliveries"("endpoint_id", "resource_type", "action", "result", "kind");

