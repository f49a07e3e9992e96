package com.npskms.setup;

/** The documented steps of the NPS guide, in order, plus the verification this product adds. */
public enum StepId {
    POLICY("Create the IAM policy"),
    USER("Create the IAM user"),
    ACCESS_KEY("Create the access key"),
    KMS_KEY("Create the KMS key"),
    LEAST_PRIVILEGE("Least privilege"),
    VERIFY("Verify");

    private final String title;

    StepId(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
