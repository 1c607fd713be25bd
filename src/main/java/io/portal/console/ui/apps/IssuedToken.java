package io.portal.console.ui.apps;

/**
 * A token just issued to an app, to be shown once.
 *
 * @param rotated whether it replaced an earlier token (rather than coming with a new registration)
 */
public record IssuedToken(String appName, String token, boolean rotated) {
}
