package io.vfbridge.customers;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stored service mappings. */
interface ServiceMappingRepository extends JpaRepository<ServiceMapping, UUID> {

	List<ServiceMapping> findByCustomerId(UUID customerId);

}
