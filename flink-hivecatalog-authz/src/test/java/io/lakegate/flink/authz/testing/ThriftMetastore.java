package io.lakegate.flink.authz.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.shims.ShimLoader;

/**
 * A real Hive 2.3 metastore (Thrift, Derby) on a free loopback port in this JVM, for the Flink module's tests and
 * the Flink drop-in test: Flink's HiveCatalog refuses an embedded one.
 */
public final class ThriftMetastore {
    private ThriftMetastore() {}

    /** Starts a metastore whose database lives in {@code derbyDirectory}; returns its {@code thrift://} URI. */
    public static String start(Path derbyDirectory, Path warehouse) throws IOException {
        HiveConf conf = new HiveConf();
        conf.set("javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + derbyDirectory + ";create=true");
        conf.set("hive.metastore.warehouse.dir", warehouse.toUri().toString());
        conf.set("datanucleus.schema.autoCreateAll", "true");
        conf.set("hive.metastore.schema.verification", "false");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CountDownLatch failed = new CountDownLatch(1);
        Thread metastore = new Thread(
                () -> {
                    try {
                        HiveMetaStore.startMetaStore(port, ShimLoader.getHadoopThriftAuthBridge(), conf);
                    } catch (Throwable e) {
                        failed.countDown();
                        throw new IllegalStateException("Hive metastore failed", e);
                    }
                },
                "hive-metastore");
        metastore.setDaemon(true);
        metastore.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return "thrift://" + socket.getInetAddress().getHostAddress() + ":" + port;
            } catch (IOException notYet) {
                try {
                    if (failed.await(50, TimeUnit.MILLISECONDS) || System.nanoTime() > deadline) {
                        throw new IllegalStateException("Hive metastore did not start on port " + port, notYet);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
