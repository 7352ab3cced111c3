package dev.tokenscale.host.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Something slow to start (a plugin host with the built-in plugins) started once for a whole test run and shared by
 * every test class that asks for it as a parameter, then closed when the run ends. A subclass says how to start it;
 * a test class registers the subclass with {@code @ExtendWith} and takes the resource in its {@code @BeforeAll}
 * or test methods. Tests that change what the resource holds start their own instead.
 *
 * @param <T> the resource
 */
public abstract class SharedResource<T extends AutoCloseable> implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(SharedResource.class);

    private final Class<T> type;

    protected SharedResource(Class<T> type) {
        this.type = type;
    }

    /** Starts the resource; runs at most once per test run. */
    protected abstract T start();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(getClass(), key -> new Started<>(start()), Started.class).resource();
    }

    /** The started resource, closed by JUnit when the root context (the test run) ends. */
    private record Started<T extends AutoCloseable>(T resource)
            implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            resource.close();
        }
    }
}
