package io.portal.console.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A reference for the forwarding benchmark, not part of the product: the smallest JVM proxy pair that does nginx's
 * job in the same topology, built the way an nginx worker is, on event loops that own both sides of a call. Side a
 * takes plain HTTP/1.1 and forwards each request over TLS 1.3 with a client certificate; side b requires and
 * verifies that certificate and forwards to the app over plain HTTP. Each event loop keeps its own upstream
 * connections open between calls (nginx's {@code keepalive} upstreams), so a call never changes threads and never
 * waits for a handshake once they are open. Requests and answers stream through as they arrive (no buffering of
 * bodies), with back-pressure both ways.
 *
 * <p>It does none of the service's work (tokens, access, activity): it shows what the JVM itself, with the JDK's
 * TLS or BoringSSL, costs per forwarded call on this machine.
 *
 * <p>Usage: {@code NettyPair a|b PORT-FILE UPSTREAM-PORT CA-CERT CERT KEY [jdk|openssl] [nio|epoll] [threads]}.
 * Listens on 127.0.0.1 on any port and writes it to PORT-FILE. The key is PKCS#8 PEM (Ed25519 or EC; BoringSSL
 * through Netty takes only EC and RSA keys).
 */
public final class NettyPair {
    private NettyPair() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: NettyPair a|b PORT-FILE UPSTREAM-PORT CA-CERT CERT KEY [jdk|openssl] [nio|epoll] [threads]");
            System.exit(2);
        }
        boolean sideA = args[0].equals("a");
        int upstream = Integer.parseInt(args[2]);
        X509Certificate ca = certificate(Path.of(args[3]));
        X509Certificate mine = certificate(Path.of(args[4]));
        PrivateKey key = privateKey(Path.of(args[5]), mine.getPublicKey().getAlgorithm());
        SslProvider provider = args.length > 6 && args[6].equals("openssl") ? SslProvider.OPENSSL : SslProvider.JDK;
        boolean epoll = args.length > 7 && args[7].equals("epoll") && Epoll.isAvailable();
        int threads = args.length > 8 ? Integer.parseInt(args[8]) : Runtime.getRuntime().availableProcessors();

        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(threads, io);
        Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        Class<? extends Channel> clientChannel = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        X509ExtendedKeyManager keys = new SingleKey(key, mine);
        SslContext serverTls = sideA ? null
                : SslContextBuilder.forServer(keys).trustManager(ca).clientAuth(ClientAuth.REQUIRE)
                        .protocols("TLSv1.3").sslProvider(provider).build();
        SslContext clientTls = sideA
                ? SslContextBuilder.forClient().keyManager(keys).trustManager(ca).protocols("TLSv1.3")
                        .sslProvider(provider).build()
                : null;

        Upstreams upstreams = new Upstreams(clientChannel, clientTls, upstream);
        Channel listener = new ServerBootstrap().group(loops).channel(serverChannel)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (serverTls != null) {
                            ch.pipeline().addLast(serverTls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new Forward(upstreams));
                    }
                }).bind("127.0.0.1", 0).sync().channel();

        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        Path portFile = Path.of(args[1]);
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(partial, Integer.toString(port));
        Files.move(partial, portFile, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("NettyPair " + args[0] + " on " + port + ": TLS " + provider + ", " + (epoll ? "epoll" : "nio")
                + ", " + threads + " event loops");
        listener.closeFuture().sync();
    }

    /**
     * The upstream connections of one event loop, kept open between calls and re-used by any incoming connection on
     * that loop, as nginx's {@code keepalive} upstreams are: a call never waits for a TLS handshake once the pool is
     * warm, and never leaves its thread.
     */
    private static final class Upstreams {
        private final FastThreadLocal<ArrayDeque<Channel>> idle = new FastThreadLocal<>() {
            @Override
            protected ArrayDeque<Channel> initialValue() {
                return new ArrayDeque<>();
            }
        };
        private final Class<? extends Channel> channelType;
        private final SslContext tls;
        private final int port;

        Upstreams(Class<? extends Channel> channelType, SslContext tls, int port) {
            this.channelType = channelType;
            this.tls = tls;
            this.port = port;
        }

        /** An idle connection of this event loop, or a new one, for the call {@code forward} is making. */
        ChannelFuture acquire(Forward forward, Channel in) {
            ArrayDeque<Channel> pool = idle.get();
            Channel ready;
            while ((ready = pool.pollFirst()) != null) {
                if (ready.isActive()) {
                    ready.pipeline().get(Backward.class).serve(forward, in);
                    return ready.newSucceededFuture();
                }
            }
            Backward backward = new Backward(this);
            backward.serve(forward, in);
            return new Bootstrap().group(in.eventLoop()).channel(channelType)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            if (tls != null) {
                                ch.pipeline().addLast(tls.newHandler(ch.alloc(), "portal-b", port));
                            }
                            ch.pipeline().addLast(new HttpClientCodec(), backward);
                        }
                    }).connect("127.0.0.1", port);
        }

        void release(Channel upstream) {
            if (upstream.isActive()) {
                idle.get().addFirst(upstream);
            }
        }

        void forget(Channel upstream) {
            idle.get().remove(upstream);
        }
    }

    /** One side of a call: flushes to the other side and lets it read on once this side can take more. */
    private abstract static class Hop extends ChannelInboundHandlerAdapter {
        /** The connection on the other side of the call in progress, or null. */
        abstract Channel partner();

        /** Writes {@code msg} to {@code other}; while {@code other} cannot take more, this side stops reading. */
        static void pass(ChannelHandlerContext ctx, Channel other, Object msg) {
            other.write(msg);
            if (!other.isWritable()) {
                ctx.channel().config().setAutoRead(false);
                other.flush();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Channel other = partner();
            if (other != null) {
                other.flush();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            Channel other = partner();
            if (ctx.channel().isWritable() && other != null) {
                other.config().setAutoRead(true);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            System.err.println("NettyPair: " + cause);
            ctx.close();
        }
    }

    /**
     * The incoming side of one connection: each request goes to an upstream connection of the same event loop. One
     * call at a time: a request that comes before the previous answer has ended (pipelining, which neither wrk nor
     * curl does) closes the connection. Pausing reads after every request instead would cost two {@code epoll_ctl}
     * calls per call.
     */
    private static final class Forward extends Hop {
        private final Upstreams upstreams;
        private final List<Object> waiting = new ArrayList<>();
        /** The upstream connection of the call in progress (its channel), or null between calls. */
        private ChannelFuture connecting;
        private boolean requestSent;

        Forward(Upstreams upstreams) {
            this.upstreams = upstreams;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel in = ctx.channel();
            if (msg instanceof HttpRequest && connecting != null) {
                System.err.println("NettyPair: a pipelined request; the connection is closed");
                ReferenceCountUtil.release(msg);
                in.close();
                return;
            }
            if (msg instanceof HttpRequest) {
                requestSent = false;
                connecting = upstreams.acquire(this, in);
                if (!connecting.isDone()) {
                    in.config().setAutoRead(false);
                    connecting.addListener((ChannelFutureListener) done -> {
                        if (done.isSuccess()) {
                            waiting.forEach(done.channel()::write);
                            waiting.clear();
                            done.channel().flush();
                            in.config().setAutoRead(true);
                        } else {
                            waiting.forEach(ReferenceCountUtil::release);
                            waiting.clear();
                            in.close();
                        }
                    });
                }
            }
            if (connecting == null) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof LastHttpContent) {
                requestSent = true;
            }
            if (!connecting.isDone()) {
                // a channel flushed before it is connected fails its writes: keep them until it is
                waiting.add(msg);
                return;
            }
            pass(ctx, connecting.channel(), msg);
        }

        @Override
        Channel partner() {
            return connecting != null && connecting.isDone() ? connecting.channel() : null;
        }

        /** The answer has ended; whether the whole request had been sent by then. The next request may be read. */
        boolean answered(Channel in) {
            connecting = null;
            in.config().setAutoRead(true);
            return requestSent;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            waiting.forEach(ReferenceCountUtil::release);
            waiting.clear();
            if (connecting != null) {
                // the call was cut off halfway: its upstream connection cannot be re-used
                connecting.channel().close();
            }
        }
    }

    /**
     * The upstream side: writes the answer to the incoming connection it currently serves, then goes back to the
     * pool, unless the answer said to close or came before the whole request was sent.
     */
    private static final class Backward extends Hop {
        private final Upstreams upstreams;
        private Forward forward;
        private Channel downstream;
        private boolean interim;
        private boolean keepAlive;

        Backward(Upstreams upstreams) {
            this.upstreams = upstreams;
        }

        void serve(Forward forward, Channel downstream) {
            this.forward = forward;
            this.downstream = downstream;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel in = downstream;
            if (in == null) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpResponse response) {
                // a 1xx answer (100 Continue) ends with its own LastHttpContent; the call goes on after it
                interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
                keepAlive = HttpUtil.isKeepAlive(response);
            }
            if (!(msg instanceof LastHttpContent)) {
                pass(ctx, in, msg);
            } else if (interim) {
                in.writeAndFlush(msg);
                interim = false;
            } else {
                in.writeAndFlush(msg);
                boolean wholeRequestSent = forward.answered(in);
                serve(null, null);
                // either side may have been paused for back-pressure when the answer ended: both read on
                ctx.channel().config().setAutoRead(true);
                if (keepAlive && wholeRequestSent) {
                    upstreams.release(ctx.channel());
                } else {
                    ctx.close();
                }
            }
        }

        @Override
        Channel partner() {
            return downstream;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            upstreams.forget(ctx.channel());
            if (downstream != null) {
                downstream.close();
            }
        }
    }

    /** Always offers the one key: Netty's key-type matching does not know Ed25519 (netty/netty#10916). */
    private static final class SingleKey extends X509ExtendedKeyManager {
        private final PrivateKey key;
        private final X509Certificate certificate;

        SingleKey(PrivateKey key, X509Certificate certificate) {
            this.key = key;
            this.certificate = certificate;
        }

        @Override public String[] getClientAliases(String type, Principal[] issuers) { return new String[] {"key"}; }
        @Override public String chooseClientAlias(String[] type, Principal[] issuers, Socket s) { return "key"; }
        @Override public String[] getServerAliases(String type, Principal[] issuers) { return new String[] {"key"}; }
        @Override public String chooseServerAlias(String type, Principal[] issuers, Socket s) { return "key"; }
        @Override public String chooseEngineClientAlias(String[] type, Principal[] issuers, SSLEngine e) { return "key"; }
        @Override public String chooseEngineServerAlias(String type, Principal[] issuers, SSLEngine e) { return "key"; }
        @Override public X509Certificate[] getCertificateChain(String alias) { return new X509Certificate[] {certificate}; }
        @Override public PrivateKey getPrivateKey(String alias) { return key; }
    }

    private static X509Certificate certificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey privateKey(Path file, String algorithm) throws Exception {
        String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
