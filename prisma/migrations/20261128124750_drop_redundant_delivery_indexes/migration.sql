-- DropIndex
DROP INDEX "deliveries_endpoint_id_idx";

-- DropIndex
DROP INDEX "deliveries_resource_name_idx";

