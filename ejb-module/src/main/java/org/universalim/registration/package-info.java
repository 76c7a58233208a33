/**
 * Registration (<b>R1</b>, FIG. 5): a client asks its Local IM server for a USERID with personal attributes
 * and a password ({@code LocalRegistrar}); a universal user is enrolled by the Universal IM server
 * ({@code UniversalRegistrar}) under the marked domain (<b>R2</b>) and announced to the peers that track
 * users; an account upgraded to universal keeps its contacts and history (<b>R9</b>). Passwords are SCRAM
 * credentials ({@code registration.control.Scram}); accounts are administered here too.
 */
package org.universalim.registration;
