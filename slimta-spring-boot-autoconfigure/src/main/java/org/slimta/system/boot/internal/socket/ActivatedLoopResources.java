package org.slimta.system.boot.internal.socket;

import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import org.slimta.system.internal.socket.ActivatedSocket;
import reactor.netty.resources.LoopResources;

/**
 * Reactor Netty's loop resources of a server, but whose server channel is an
 * {@link ActivatedNioServerSocketChannel} on a socket systemd passed. Internal usage only.
 */
public class ActivatedLoopResources implements LoopResources {

	private final LoopResources delegate;

	private final ActivatedSocket socket;

	private final AtomicBoolean used = new AtomicBoolean();

	/**
	 * Create loop resources.
	 * @param delegate the loop resources the server had
	 * @param socket the socket its server channel serves on
	 */
	public ActivatedLoopResources(LoopResources delegate, ActivatedSocket socket) {
		this.delegate = delegate;
		this.socket = socket;
	}

	@Override
	public <CHANNEL extends Channel> CHANNEL onChannel(Class<CHANNEL> channelType, EventLoopGroup group) {
		if (channelType.isAssignableFrom(ActivatedNioServerSocketChannel.class)
				&& ServerSocketChannel.class.isAssignableFrom(channelType)) {
			if (!this.used.compareAndSet(false, true)) {
				throw new IllegalStateException(this.socket.socket() + " serves one server channel, and has one");
			}
			return channelType.cast(new ActivatedNioServerSocketChannel(this.socket));
		}
		return this.delegate.onChannel(channelType, group);
	}

	@Override
	public <CHANNEL extends Channel> Class<? extends CHANNEL> onChannelClass(Class<CHANNEL> channelType,
			EventLoopGroup group) {
		return this.delegate.onChannelClass(channelType, group);
	}

	@Override
	public EventLoopGroup onClient(boolean useNative) {
		return this.delegate.onClient(useNative);
	}

	@Override
	public EventLoopGroup onServer(boolean useNative) {
		// NIO: the server channel is a JDK channel.
		return this.delegate.onServer(false);
	}

	@Override
	public EventLoopGroup onServerSelect(boolean useNative) {
		return this.delegate.onServerSelect(false);
	}

	@Override
	public boolean daemon() {
		return this.delegate.daemon();
	}

}
