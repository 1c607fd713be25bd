package io.portal.console.app;

import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.ButtonSkin;
import javafx.scene.control.skin.LabelSkin;
import javafx.scene.control.skin.TextFieldSkin;
import javafx.scene.control.skin.ToggleButtonSkin;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Throwaway work for the FX thread while it would otherwise wait for {@code init()} to build the window's content:
 * the first icon and the first skin of each kind of control pay for loading their classes and fonts and for
 * linking their lambdas (a text field's skin alone brings well over a hundred classes). Done here, in time the FX
 * thread had spare, the real icons and the window's first CSS pass find all that ready.
 */
final class IdleWarmUp {
    /** Most costly first: where the build finishes early, the later ones are left to the first CSS pass. */
    private static final List<Runnable> SKINS = List.of(
            () -> new TextFieldSkin(new TextField()),
            () -> new ToggleButtonSkin(new ToggleButton()),
            () -> new ButtonSkin(new Button()),
            () -> new LabelSkin(new Label()));

    private IdleWarmUp() {
    }

    /** The icon font and its resolver, which the navigation needs first. */
    static void icons() {
        new FontIcon(Feather.HOME);
    }

    /**
     * The skins and behaviours of the controls on the home screen, only while the content is still being built:
     * once it is, the FX thread has real work and would only make start() wait.
     */
    static void skins(BooleanSupplier stillBuilding) {
        for (Runnable skin : SKINS) {
            if (!stillBuilding.getAsBoolean()) {
                return;
            }
            skin.run();
        }
    }
}
