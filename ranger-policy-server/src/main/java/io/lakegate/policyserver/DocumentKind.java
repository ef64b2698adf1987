package io.lakegate.policyserver;

/**
 * What a plugin downloads, with the file it comes from (named as Ranger's own local-folder policy source names
 * them) and the field carrying its version.
 */
enum DocumentKind {
    POLICIES("", "policyVersion", "policyUpdateTime"),
    ROLES("_roles", "roleVersion", "roleUpdateTime"),
    USER_STORE("_userstore", "userStoreVersion", "userStoreUpdateTime");

    private final String fileSuffix;
    private final String versionField;
    private final String updateTimeField;

    DocumentKind(String fileSuffix, String versionField, String updateTimeField) {
        this.fileSuffix = fileSuffix;
        this.versionField = versionField;
        this.updateTimeField = updateTimeField;
    }

    String fileName(String serviceName) {
        return serviceName + fileSuffix + ".json";
    }

    String versionField() {
        return versionField;
    }

    String updateTimeField() {
        return updateTimeField;
    }
}
