package io.vfbridge.provisioning;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Small JSON values for results and details. */
final class JsonNodes {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonNodes() {
	}

	static ObjectNode object() {
		return JSON.createObjectNode();
	}

}
