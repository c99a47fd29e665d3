package io.vfbridge.customers;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stored customer mappings. */
interface CustomerMappingRepository extends JpaRepository<CustomerMapping, UUID> {

	Optional<CustomerMapping> findByBillingIdAndPanel(String billingId, String panel);

}
