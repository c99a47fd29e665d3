package io.vfbridge.customers;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stored customer mappings. */
interface CustomerMappingRepository extends JpaRepository<CustomerMapping, UUID> {

	List<CustomerMapping> findByBillingIdOrderByPanel(String billingId);

}
