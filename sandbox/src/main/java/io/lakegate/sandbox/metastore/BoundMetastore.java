package io.lakegate.sandbox.metastore;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.metastore.TSetIpAddressProcessor;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TServer;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TTransportFactory;

/**
 * Hive 2.3's metastore on one address: {@code HiveMetaStore}'s own main listens on every interface, and a metastore
 * without authentication lets whoever reaches it repoint a table at another's files, past every policy. Runs in its
 * own JVM on Spark's jars (Hive 2.3.9, libthrift 0.12) and {@code hive-site.xml}.
 *
 * <p>{@code BoundMetastore HOST PORT}
 */
public final class BoundMetastore {
    private BoundMetastore() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BoundMetastore HOST PORT");
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        HiveConf conf = new HiveConf(BoundMetastore.class);
        ThriftHiveMetastore.Iface handler = HiveMetaStore.newRetryingHMSHandler("sandbox metastore", conf, false);
        TThreadPoolServer.Args server = new TThreadPoolServer.Args(new TServerSocket(address))
                .processor(new TSetIpAddressProcessor<>(handler))
                .transportFactory(new TTransportFactory())
                .protocolFactory(new TBinaryProtocol.Factory());
        server.minWorkerThreads = 4;
        server.maxWorkerThreads = 64;
        TServer thrift = new TThreadPoolServer(server);
        Runtime.getRuntime().addShutdownHook(new Thread(thrift::stop, "metastore-stop"));
        System.out.println("Hive metastore listening on " + address);
        thrift.serve();
    }
}
