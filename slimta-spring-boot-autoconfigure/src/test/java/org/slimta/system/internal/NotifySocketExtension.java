package org.slimta.system.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slimta.system.testsupport.DatagramInbox;
import org.slimta.system.testsupport.Linux;

/**
 * Systemd's notify socket for the tests of a class: every test is skipped unless it runs on Linux,
 * and a test that takes a {@link DatagramInbox} gets one bound to {@code notify.sock} in a
 * directory of its own ({@link DatagramInbox#address()} is the path for {@code NOTIFY_SOCKET}),
 * closed and removed after the test.
 */
public final class NotifySocketExtension implements BeforeEachCallback, ParameterResolver, AfterEachCallback {

	private static final Namespace NAMESPACE = Namespace.create(NotifySocketExtension.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		Linux.assumeLinux("Unix datagram sockets are tested on Linux");
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == DatagramInbox.class;
	}

	@Override
	public DatagramInbox resolveParameter(ParameterContext parameter, ExtensionContext context) {
		try {
			Path directory = Files.createTempDirectory("notify");
			Bound bound = new Bound(directory, NotifySockets.bind(directory.resolve("notify.sock").toString()));
			context.getStore(NAMESPACE).put(Bound.class, bound);
			return bound.inbox();
		}
		catch (IOException ex) {
			throw new ParameterResolutionException("Could not bind a notify socket", ex);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		Bound bound = context.getStore(NAMESPACE).remove(Bound.class, Bound.class);
		if (bound != null) {
			bound.inbox().close();
			Files.deleteIfExists(bound.directory());
		}
	}

	private record Bound(Path directory, DatagramInbox inbox) {

	}

}
