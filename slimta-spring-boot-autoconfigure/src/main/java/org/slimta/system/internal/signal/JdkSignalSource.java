package org.slimta.system.internal.signal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.slimta.system.signal.Signal;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Takes signals through the JVM's own handlers ({@code sun.misc.Signal}): portable, but the
 * sender is unknown (pid {@code 0}, uid {@code -1}) and signals the JVM keeps for itself (QUIT,
 * and all of them under {@code -Xrs}) cannot be taken. The previous handlers are restored on
 * {@link #stop()}.
 * <p>
 * {@code sun.misc.Signal} is public API of the {@code jdk.unsupported} module, called here through
 * method handles: javac warns of every direct use as internal API whatever the build says, and the
 * calls are the same.
 */
public final class JdkSignalSource implements SignalSource {

	private static final Log logger = LogFactory.getLog(JdkSignalSource.class);

	private static final JdkSignals JDK = JdkSignals.find();

	private final Set<Signal> signals;

	private final Map<Object, Object> previous = new LinkedHashMap<>();

	/**
	 * Create a source for the given signals.
	 * @param signals the signals to take over
	 */
	public JdkSignalSource(Set<Signal> signals) {
		this.signals = Set.copyOf(signals);
	}

	@Override
	public String name() {
		return "jdk";
	}

	@Override
	public synchronized Set<Signal> start(SignalHandler handler) {
		Set<Signal> taken = EnumSet.noneOf(Signal.class);
		for (Signal signal : this.signals) {
			try {
				Object jdkSignal = JDK.signal(signal.name().substring(3));
				Object before = JDK.handle(jdkSignal, JDK.handler(() -> handler.handle(signal, 0, -1)));
				if (before == JDK.ignore()) {
					// HotSpot installs nothing for a signal the process inherited as ignored (nohup): say so.
					JDK.handle(jdkSignal, before);
					logger.warn(signal + " is ignored by this process (started under nohup, or by a parent that"
							+ " ignores it) and cannot be taken through the JVM's handlers; start it with " + signal
							+ " at its default action");
					continue;
				}
				this.previous.put(jdkSignal, before);
				taken.add(signal);
			}
			catch (IllegalArgumentException ex) {
				logger.warn(signal + " cannot be taken through the JVM's handlers (" + ex.getMessage()
						+ "); it keeps its default action");
			}
		}
		return taken;
	}

	@Override
	public synchronized void stop() {
		this.previous.forEach(JDK::handle);
		this.previous.clear();
	}

	@Override
	public boolean failed() {
		return false;
	}

	/**
	 * {@code sun.misc.Signal}'s constructor and {@code handle}, {@code SignalHandler.SIG_IGN}, and
	 * handlers made from a {@link Runnable}.
	 */
	private record JdkSignals(Class<?> handlerType, MethodHandle constructor, MethodHandle handle, Object ignore) {

		static JdkSignals find() {
			try {
				Class<?> signalType = Class.forName("sun.misc.Signal");
				Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
				MethodHandles.Lookup lookup = MethodHandles.publicLookup();
				return new JdkSignals(handlerType,
						lookup.findConstructor(signalType, MethodType.methodType(void.class, String.class)),
						lookup.findStatic(signalType, "handle", MethodType.methodType(handlerType, signalType, handlerType)),
						lookup.findStaticGetter(handlerType, "SIG_IGN", handlerType).invoke());
			}
			catch (Throwable ex) {
				throw new IllegalStateException("sun.misc.Signal of the jdk.unsupported module is missing", ex);
			}
		}

		Object signal(String name) {
			try {
				return this.constructor.invoke(name);
			}
			catch (IllegalArgumentException ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		}

		Object handle(Object signal, Object handler) {
			try {
				return this.handle.invoke(signal, handler);
			}
			catch (IllegalArgumentException ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		}

		Object handler(Runnable action) {
			return Proxy.newProxyInstance(this.handlerType.getClassLoader(), new Class<?>[] { this.handlerType },
					(proxy, method, arguments) -> switch (method.getName()) {
						case "handle" -> {
							action.run();
							yield null;
						}
						case "equals" -> proxy == arguments[0];
						case "hashCode" -> System.identityHashCode(proxy);
						default -> "signal handler " + action;
					});
		}

	}

}
