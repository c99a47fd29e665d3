package io.vfbridge.security;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Authorizes {@code /v1/**} by the {@link RequiresRole} of the handler method the request
 * maps to (on the method, else its class): a key with one of the roles, or an operator,
 * may call it. A handler without the annotation is denied to every key (deny by default).
 * A request no handler takes (404, 405, 415 to come) needs any valid key, so an anonymous
 * caller learns nothing about the API's shape.
 */
final class RequiresRoleAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

	private static final AuthorizationManager<RequestAuthorizationContext> DENIED = (authentication,
			context) -> new AuthorizationDecision(false);

	private final Supplier<RequestMappingHandlerMapping> handlers;

	private final Map<Method, AuthorizationManager<RequestAuthorizationContext>> byMethod = new ConcurrentHashMap<>();

	RequiresRoleAuthorization(Supplier<RequestMappingHandlerMapping> handlers) {
		this.handlers = handlers;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		HandlerMethod handler = handler(context.getRequest());
		if (handler == null) {
			return AuthenticatedAuthorizationManager.<RequestAuthorizationContext>authenticated()
				.authorize(authentication, context);
		}
		return this.byMethod.computeIfAbsent(handler.getMethod(), (method) -> forHandler(handler))
			.authorize(authentication, context);
	}

	/** The roles a handler declares, or null when it declares none. */
	static Set<Role> declaredRoles(HandlerMethod handler) {
		RequiresRole required = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresRole.class);
		if (required == null) {
			required = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresRole.class);
		}
		return (required != null) ? EnumSet.copyOf(Arrays.asList(required.value())) : null;
	}

	private static AuthorizationManager<RequestAuthorizationContext> forHandler(HandlerMethod handler) {
		Set<Role> roles = declaredRoles(handler);
		if (roles == null) {
			return DENIED;
		}
		Set<Role> allowed = new HashSet<>(roles);
		allowed.add(Role.OPERATOR);
		return AuthorityAuthorizationManager.hasAnyRole(allowed.stream().map(Role::name).toArray(String[]::new));
	}

	/**
	 * The handler method Spring MVC will pick for the request, or null. The lookup leaves
	 * the request as it found it (the dispatcher repeats it).
	 */
	private HandlerMethod handler(HttpServletRequest request) {
		Set<String> attributes = new HashSet<>();
		request.getAttributeNames().asIterator().forEachRemaining(attributes::add);
		try {
			ServletRequestPathUtils.parseAndCache(request);
			HandlerExecutionChain chain = this.handlers.get().getHandler(request);
			return (chain != null && chain.getHandler() instanceof HandlerMethod method) ? method : null;
		}
		catch (Exception ex) {
			// no handler takes it as sent (wrong method, content type...): MVC answers
			return null;
		}
		finally {
			Set<String> added = new HashSet<>();
			request.getAttributeNames().asIterator().forEachRemaining(added::add);
			added.removeAll(attributes);
			added.forEach(request::removeAttribute);
		}
	}

}
