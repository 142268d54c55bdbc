package io.cashews.jcache;

import java.lang.management.ManagementFactory;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.JMException;

/**
 * Registers a cache's MXBeans on the platform MBean server under the names the JCache
 * specification gives them: {@code javax.cache:type=<type>,CacheManager=<uri>,Cache=<name>},
 * with {@code : = , \n} in the URI and the name replaced by {@code .}, as the TCK looks them up,
 * and so are {@code * ?} and quotes, which would make the name a pattern (a URL's query).
 */
final class Jmx {

    private Jmx() {
    }

    static ObjectName name(String type, String managerUri, String cacheName) {
        try {
            return new ObjectName("javax.cache:type=" + type + ",CacheManager=" + safe(managerUri) + ",Cache=" + safe(cacheName));
        } catch (MalformedObjectNameException e) {
            throw new CacheException("no MBean name for cache '" + cacheName + "' of " + managerUri, e);
        }
    }

    static void register(Object bean, ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (!server.isRegistered(name)) {
                server.registerMBean(bean, name);
            }
        } catch (InstanceAlreadyExistsException e) {
            // registered by a concurrent enable: the same bean
        } catch (JMException e) {
            throw new CacheException("cannot register " + name, e);
        }
    }

    static void unregister(ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (InstanceNotFoundException e) {
            // unregistered by a concurrent disable
        } catch (JMException e) {
            throw new CacheException("cannot unregister " + name, e);
        }
    }

    private static String safe(String text) {
        return text.replaceAll("[:=,\n*?\"]", ".");
    }
}
