package vn.caunoi.core.store;

import org.apache.ibatis.reflection.factory.DefaultObjectFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * Creates the objects MyBatis maps rows into. MyBatis's default factory first calls a row class's
 * no-argument constructor without making it accessible and, since our row classes are package-private,
 * catches the {@code IllegalAccessException} and tries again: an exception, with its message and
 * stack, for every row read (a tenth of the CPU of reading 2,400 villages). Here a class's
 * constructor is made accessible once and kept.
 */
final class RowFactory extends DefaultObjectFactory {

    private static final long serialVersionUID = 1L;

    private static final ClassValue<Constructor<?>> NO_ARGUMENTS = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            if (type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                return null;
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                return constructor;
            } catch (NoSuchMethodException | RuntimeException e) {
                return null; // MyBatis's own factory decides (and reports) what to do
            }
        }
    };

    @Override
    public <T> T create(Class<T> type, List<Class<?>> constructorArgTypes, List<Object> constructorArgs) {
        if (constructorArgTypes == null || constructorArgs == null) {
            Constructor<?> constructor = NO_ARGUMENTS.get(type);
            if (constructor != null) {
                try {
                    return type.cast(constructor.newInstance());
                } catch (InvocationTargetException e) {
                    // the constructor itself failed: reported as MyBatis does, without running it twice
                    throw new org.apache.ibatis.reflection.ReflectionException("Error instantiating " + type + ". Cause: " + e.getCause(), e.getCause());
                } catch (InstantiationException | IllegalAccessException e) {
                    // fall through: the default factory reports it with the type's name
                }
            }
        }
        return super.create(type, constructorArgTypes, constructorArgs);
    }
}
