package io.portal.console.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Prints N free TCP ports on 127.0.0.1, one a line, for servers that need their port in a config file (nginx). */
public final class FreePorts {
    private FreePorts() {
    }

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                System.out.println(socket.getLocalPort());
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}
