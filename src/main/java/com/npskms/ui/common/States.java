package com.npskms.ui.common;

import javafx.css.PseudoClass;

/** The pseudo-classes the stylesheet knows, so state is styled in CSS and not with ad-hoc colours. */
public final class States {
    public static final PseudoClass DONE = PseudoClass.getPseudoClass("done");
    public static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    public static final PseudoClass SUCCESS = PseudoClass.getPseudoClass("success");
    public static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    public static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private States() {
    }
}
