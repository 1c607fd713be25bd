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
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
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
import java.util.Base64;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A reference for the forwarding benchmark, not part of the product: the smallest JVM proxy pair that does nginx's
 * job in the same topology, built the way an nginx worker is, on event loops that own both sides of a call. Side a
 * takes plain HTTP/1.1 and forwards each connection over its own TLS 1.3 connection with a client certificate;
 * side b requires and verifies that certificate and forwards to the app over plain HTTP. Each incoming connection
 * gets its own upstream connection, made on the same event loop, so a call never changes threads. Requests and
 * answers stream through as they arrive (no buffering of bodies), with back-pressure both ways.
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

        Channel listener = new ServerBootstrap().group(loops).channel(serverChannel)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (serverTls != null) {
                            ch.pipeline().addLast(serverTls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new Downstream(clientChannel, clientTls, upstream));
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

    /** The incoming side of one connection: opens its upstream connection on its own event loop, then relays. */
    private static final class Downstream extends ChannelInboundHandlerAdapter {
        private final Class<? extends Channel> channelType;
        private final SslContext tls;
        private final int port;
        private Channel upstream;

        Downstream(Class<? extends Channel> channelType, SslContext tls, int port) {
            this.channelType = channelType;
            this.tls = tls;
            this.port = port;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel in = ctx.channel();
            in.config().setAutoRead(false);
            ChannelFuture connecting = new Bootstrap().group(in.eventLoop()).channel(channelType)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            if (tls != null) {
                                ch.pipeline().addLast(tls.newHandler(ch.alloc(), "portal-b", port));
                            }
                            ch.pipeline().addLast(new HttpClientCodec(), new Relay(in));
                        }
                    }).connect("127.0.0.1", port);
            upstream = connecting.channel();
            ctx.pipeline().addLast(new Relay(upstream));
            connecting.addListener((ChannelFutureListener) done -> {
                if (done.isSuccess()) {
                    in.config().setAutoRead(true);
                } else {
                    in.close();
                }
            });
            ctx.fireChannelActive();
        }
    }

    /** Writes what one side reads to the other; stops reading while the other side cannot take more. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel other;

        Relay(Channel other) {
            this.other = other;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            other.write(msg);
            if (!other.isWritable()) {
                ctx.channel().config().setAutoRead(false);
                other.flush();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            other.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            // this side drained: the other may read again
            if (ctx.channel().isWritable()) {
                other.config().setAutoRead(true);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            other.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            System.err.println("NettyPair: " + cause);
            ctx.close();
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
