package vn.caunoi.core.digital;

import vn.caunoi.core.common.CauNoiException;

/** A plugin's service could not be registered: the reason says why (bad descriptor, duplicate code, …). */
public final class ServiceRejectedException extends CauNoiException {

    public ServiceRejectedException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "SERVICE_REJECTED";
    }
}
