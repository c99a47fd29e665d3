package io.vfbridge.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link DataSource} of the context and records each statement that sends a
 * PostgreSQL notification ({@code NOTIFY} or {@code pg_notify}), with whether it ran in a
 * transaction or together with other work. Import it into a test with
 * {@code @Import(NotifyRecorder.class)}.
 * <p>
 * A notifying transaction takes a database-wide lock when it commits, so a notification
 * belongs in a statement of its own, in autocommit: {@link #inTransactions()} lists those
 * that were not, whatever code path sent them.
 */
public class NotifyRecorder implements BeanPostProcessor {

	private static final Pattern NOTIFY = Pattern.compile("\\bnotify\\b|pg_notify\\s*\\(");

	/** The only statement shape that may notify: nothing but the notification itself. */
	private static final Pattern ALONE = Pattern.compile("\\s*select\\s+pg_notify\\s*\\([^;()]*\\)\\s*;?\\s*");

	private final List<Sent> sent = new CopyOnWriteArrayList<>();

	/** A notifying statement and how it ran. */
	public record Sent(String sql, boolean inTransaction, String thread) {

		/** Whether it shared a commit with other work. */
		public boolean heldCommits() {
			return this.inTransaction || !ALONE.matcher(this.sql.toLowerCase(Locale.ROOT)).matches();
		}

	}

	/** Every notifying statement so far. */
	public List<Sent> sent() {
		return List.copyOf(this.sent);
	}

	/** The notifying statements that ran inside a transaction or with other work. */
	public List<Sent> inTransactions() {
		return this.sent.stream().filter(Sent::heldCommits).toList();
	}

	/** Forgets what was recorded. */
	public void clear() {
		this.sent.clear();
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource) {
			return proxy(DataSource.class, dataSource, (target, method, args) -> {
				Object result = method.invoke(target, args);
				return (result instanceof Connection connection) ? connection(connection) : result;
			});
		}
		return bean;
	}

	private Connection connection(Connection connection) {
		return proxy(Connection.class, connection, (target, method, args) -> {
			String name = method.getName();
			if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args[0] instanceof String sql) {
				record(sql, connection);
			}
			Object result = method.invoke(target, args);
			return (result instanceof Statement statement && name.equals("createStatement"))
					? statement(statement, connection) : result;
		});
	}

	private Statement statement(Statement statement, Connection connection) {
		return proxy(Statement.class, statement, (target, method, args) -> {
			if (method.getName().startsWith("execute") || method.getName().equals("addBatch")) {
				if (args != null && args.length > 0 && args[0] instanceof String sql) {
					record(sql, connection);
				}
			}
			return method.invoke(target, args);
		});
	}

	private void record(String sql, Connection connection) throws java.sql.SQLException {
		if (NOTIFY.matcher(sql.toLowerCase(Locale.ROOT)).find()) {
			this.sent.add(new Sent(sql, !connection.getAutoCommit(), Thread.currentThread().getName()));
		}
	}

	private interface Call {

		Object invoke(Object target, Method method, Object[] args) throws Throwable;

	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, Call call) {
		InvocationHandler handler = (proxy, method, args) -> {
			try {
				if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
					return method.invoke(target, args);
				}
				return call.invoke(target, method, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		};
		return (T) Proxy.newProxyInstance(NotifyRecorder.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

}
