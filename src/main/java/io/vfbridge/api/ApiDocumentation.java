package io.vfbridge.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import io.vfbridge.billing.EventType;
import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.ClassPathResource;

/**
 * The OpenAPI document at {@code /v3/api-docs}: title and description, the API-key
 * scheme, tags by audience (the roles of {@link RequiresRole}; the signed webhook is
 * billing's), and an example for every request and response body, read from
 * {@code openapi/examples.json} (keyed {@code "METHOD /path"}; a REST command's entry
 * names its {@code event}, whose required fields its request schema marks). Only
 * {@code /v1} is documented.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String API_KEY = "apiKey";

	static final String WEBHOOK_SIGNATURE = "webhookSignature";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final String EXAMPLES = "openapi/examples.json";

	@Bean
	OpenAPI vfbridgeOpenApi() {
		return new OpenAPI().info(new Info().title("vfbridge").version("v1").description("""
				vfbridge sits between a billing system and the VirtFusion VPS control panel. Billing \
				sends lifecycle events (signed webhooks or REST commands with an Idempotency-Key); \
				vfbridge applies them to VirtFusion exactly once, in order per service, and reports \
				the outcome as an operation. Storefronts read the catalogue, services and customers \
				through it, and get single sign-on links into the panel. Errors are RFC 9457 problem \
				documents with a stable `type`.""").license(new License().name("Apache-2.0")))
			.components(new Components()
				.addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("An API key: `Authorization: Bearer <key>`. Its roles (billing, "
							+ "storefront, operator) decide what it may call; operator may call everything; "
							+ "metrics may read only the actuator's prometheus and health. GET /v1/me tells a key "
							+ "its name and roles."))
				.addSecuritySchemes(WEBHOOK_SIGNATURE,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("webhook-signature")
							.description("Standard Webhooks: `webhook-id`, `webhook-timestamp` and "
									+ "`webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`.")))
			.tags(List.of(
					new Tag().name("billing")
						.description("The billing system: lifecycle events and commands, operation status"),
					new Tag().name("storefront")
						.description("Storefronts and client areas: catalogue, service and customer reads, SSO"),
					new Tag().name("operator")
						.description("The people who run vfbridge: retries, cancels, the panel's inventory")));
	}

	/**
	 * Tags each endpoint with its audience and its security, from {@link RequiresRole}.
	 */
	@Bean
	OperationCustomizer audienceTags() {
		return (operation, handler) -> {
			RequiresRole roles = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresRole.class);
			if (roles == null) {
				roles = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresRole.class);
			}
			if (roles == null) {
				operation.setTags(List.of("billing"));
				operation.addSecurityItem(new SecurityRequirement().addList(WEBHOOK_SIGNATURE));
				for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
					operation.addParametersItem(
							new HeaderParameter().name(header).required(true).schema(new StringSchema()));
				}
				return operation;
			}
			operation.setTags(Arrays.stream(roles.value()).map(Role::value).toList());
			operation.addSecurityItem(new SecurityRequirement().addList(API_KEY));
			// every API-key endpoint of billing is a command, deduplicated by its key
			if (handler.getBeanType().getPackageName().equals("io.vfbridge.billing")) {
				operation.addParametersItem(new HeaderParameter().name(IDEMPOTENCY_KEY)
					.required(true)
					.description("Deduplicates the command (scoped to the API key)")
					.schema(new StringSchema()));
			}
			return operation;
		};
	}

	/**
	 * Keeps only {@code /v1}, adds the examples and documents every error as a problem
	 * document.
	 */
	@Bean
	OpenApiCustomizer examples() {
		Map<String, Map<String, Object>> examples = readExamples();
		return (openApi) -> {
			Paths kept = new Paths();
			openApi.getPaths().forEach((path, item) -> {
				if (path.startsWith("/v1/")) {
					kept.addPathItem(path, item);
				}
			});
			openApi.setPaths(kept);
			kept.forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> document(method, path, operation,
						examples.get(method.name() + " " + path))));
		};
	}

	private static void document(PathItem.HttpMethod method, String path, Operation operation,
			Map<String, Object> example) {
		EventType event = (example != null && example.get("event") != null)
				? EventType.of(example.get("event").toString())
					.orElseThrow(() -> new IllegalStateException(EXAMPLES + ": unknown event " + example.get("event")))
				: null;
		if (event != null && operation.getDescription() == null) {
			operation.setDescription("The REST command of the event `" + event.wireName() + "`.");
		}
		if (example != null && example.containsKey("request")) {
			RequestBody body = (operation.getRequestBody() != null) ? operation.getRequestBody()
					: new RequestBody().required(true);
			Schema<?> schema = schemaOf(body);
			if (event != null) {
				// the raw body has no Java type: the schema is the example's shape, with
				// the fields the event requires (ids the path fills in aside)
				List<String> required = new ArrayList<>(event.required());
				required.removeAll(fromPath(path));
				schema = inferredSchema(example.get("request"), "", required);
				body.setDescription("The `data` of `" + event.wireName() + "` (see the README's event catalogue)"
						+ (required.isEmpty() ? "" : "; required: `" + String.join("`, `", required) + "`")
						+ ". An id in the path fills in `service.id`, `customer.id` or `ipBlock.id`; one in the "
						+ "body must agree with it.");
			}
			Content content = new Content().addMediaType("application/json", mediaType(schema, example.get("request")));
			if (example.get("requestCsv") != null) {
				// a body that may also be sent as CSV (a bulk import)
				content.addMediaType("text/csv", mediaType(new StringSchema(), example.get("requestCsv")));
			}
			body.setContent(content);
			operation.setRequestBody(body);
		}
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		Object answer = (example != null) ? example.get("response") : null;
		String status = (example != null && example.get("status") != null) ? example.get("status").toString() : "200";
		for (String code : new ArrayList<>(responses.keySet())) {
			if (code.startsWith("2") && !code.equals(status)) {
				responses.remove(code);
			}
		}
		ApiResponse success = responses.computeIfAbsent(status,
				(code) -> new ApiResponse().description(code.equals("202") ? "Accepted" : "OK"));
		if (answer != null) {
			Schema<?> schema = null;
			if (success.getContent() != null) {
				schema = success.getContent().values().stream().map(MediaType::getSchema).findFirst().orElse(null);
			}
			success.setContent(new Content().addMediaType("application/json", mediaType(schema, answer)));
		}
		// intake answers a repeated key (with the same request) with the original
		// operation and 200
		if (status.equals("202") && (hasHeader(operation, IDEMPOTENCY_KEY) || hasHeader(operation, "webhook-id"))) {
			success.setDescription("Accepted: stored and queued; `Location` names the operation");
			responses.addApiResponse("200",
					new ApiResponse()
						.description("A repeat of an accepted request (same key, same body): the original "
								+ "operation, nothing queued again")
						.content(success.getContent()));
		}
		responses.keySet().removeIf((code) -> !code.startsWith("2"));
		responses.addApiResponse("default", problemResponse());
		operation.setResponses(responses);
	}

	/** The {@code data} fields a command's path fills in. */
	private static List<String> fromPath(String path) {
		List<String> filled = new ArrayList<>();
		if (path.contains("{serviceId}")) {
			filled.add("service.id");
		}
		if (path.contains("{customerId}")) {
			filled.add("customer.id");
		}
		if (path.contains("{blockId}")) {
			filled.add("ipBlock.id");
		}
		return filled;
	}

	/** A schema of the example's shape; {@code required} are dotted paths. */
	@SuppressWarnings("unchecked")
	private static Schema<?> inferredSchema(Object example, String prefix, List<String> required) {
		if (example instanceof Map<?, ?> map) {
			ObjectSchema schema = new ObjectSchema();
			((Map<String, Object>) map).forEach((name, value) -> {
				schema.addProperty(name, inferredSchema(value, prefix + name + ".", required));
				if (required.contains(prefix + name)) {
					schema.addRequiredItem(name);
				}
			});
			return schema;
		}
		if (example instanceof List<?> list) {
			return new ArraySchema()
				.items(list.isEmpty() ? new Schema<>() : inferredSchema(list.get(0), prefix, required));
		}
		if (example instanceof String) {
			return new StringSchema();
		}
		if (example instanceof Boolean) {
			return new BooleanSchema();
		}
		if (example instanceof Integer || example instanceof Long || example instanceof BigInteger) {
			return new IntegerSchema();
		}
		if (example instanceof Number) {
			return new NumberSchema();
		}
		return new Schema<>();
	}

	private static boolean hasHeader(Operation operation, String name) {
		return operation.getParameters() != null && operation.getParameters()
			.stream()
			.anyMatch((parameter) -> "header".equals(parameter.getIn()) && name.equals(parameter.getName()));
	}

	private static Schema<?> schemaOf(RequestBody body) {
		if (body.getContent() == null) {
			return new ObjectSchema();
		}
		return body.getContent().values().stream().map(MediaType::getSchema).findFirst().orElse(new ObjectSchema());
	}

	private static MediaType mediaType(Schema<?> schema, Object example) {
		return new MediaType().schema((schema != null) ? schema : new ObjectSchema()).example(example);
	}

	private static ApiResponse problemResponse() {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "urn:vfbridge:problem:invalid-request");
		problem.put("title", "Invalid request");
		problem.put("status", 400);
		problem.put("detail", "period: must be a number from 0 (the current period) to 24 (periods back)");
		problem.put("errors", List.of(Map.of("field", "period", "message",
				"must be a number from 0 (the current period) to 24 (periods back)")));
		return new ApiResponse()
			.description("An RFC 9457 problem document; `type` names the problem (see docs/problems.md)")
			.content(new Content().addMediaType("application/problem+json",
					new MediaType().schema(new ObjectSchema()).example(problem)));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Map<String, Object>> readExamples() {
		try (InputStream in = new ClassPathResource(EXAMPLES).getInputStream()) {
			Map<String, Map<String, Object>> all = Json.mapper().readValue(in, LinkedHashMap.class);
			Map<String, Map<String, Object>> normalized = new LinkedHashMap<>();
			all.forEach((key, value) -> {
				int space = key.indexOf(' ');
				normalized.put(key.substring(0, space).toUpperCase(Locale.ROOT) + key.substring(space), value);
			});
			return normalized;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read " + EXAMPLES, ex);
		}
	}

}
