package io.portal.console.ui.main;

import io.portal.console.ui.common.ScreenView;
import java.util.function.Supplier;
import org.kordamp.ikonli.Ikon;

/** One entry of the console's navigation: built the first time it is opened. */
public record Screen(String id, String title, Ikon icon, Supplier<ScreenView> factory) {
}
