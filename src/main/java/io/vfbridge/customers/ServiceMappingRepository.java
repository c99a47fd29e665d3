package io.vfbridge.customers;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stored service mappings. */
interface ServiceMappingRepository extends JpaRepository<ServiceMapping, UUID> {

	Optional<ServiceMapping> findByBillingId(String billingId);

	List<ServiceMapping> findByCustomerId(UUID customerId);

	boolean existsByPanelAndServerId(String panel, Long serverId);

}
