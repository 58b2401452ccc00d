-- DropIndex
DROP INDEX "deliveries_endpoint_id_body_hash_idx";

