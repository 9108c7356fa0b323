-- CreateIndex
CREATE INDEX "contact_resolved_by_id_idx" ON "contact"("resolved_by_id");
