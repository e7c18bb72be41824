package org.stancegraph.corenlp;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import com.sun.net.httpserver.spi.HttpServerProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Keeps StanfordCoreNLPServer on 127.0.0.1. The server has no option for the address it binds
 * (it listens on every interface); the JDK picks the HttpServer implementation named by the
 * system property com.sun.net.httpserver.HttpServerProvider, so this one hands every request for
 * a wildcard address to the JDK's own provider as a loopback address instead.
 */
public final class LoopbackHttpServerProvider extends HttpServerProvider {
  private final HttpServerProvider jdk;

  public LoopbackHttpServerProvider() {
    try {
      // Needs --add-exports=jdk.httpserver/sun.net.httpserver=ALL-UNNAMED (the launcher passes it).
      jdk = (HttpServerProvider)
          Class.forName("sun.net.httpserver.DefaultHttpServerProvider").getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("The JDK's HttpServerProvider is not available", e);
    }
  }

  private static InetSocketAddress loopback(InetSocketAddress address) {
    if (address == null || address.getAddress() == null || address.getAddress().isAnyLocalAddress()) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), address == null ? 0 : address.getPort());
    }
    return address;
  }

  @Override
  public HttpServer createHttpServer(InetSocketAddress address, int backlog) throws IOException {
    return jdk.createHttpServer(loopback(address), backlog);
  }

  @Override
  public HttpsServer createHttpsServer(InetSocketAddress address, int backlog) throws IOException {
    return jdk.createHttpsServer(loopback(address), backlog);
  }
}
