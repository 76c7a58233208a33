package org.universalim.incontainer;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

/** Lets in-container tests look at what is stored, through the application's persistence unit. */
@Stateless
public class JpaProbe {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    public long count(String jpql, Object... parameters) {
        TypedQuery<Long> query = em.createQuery(jpql, Long.class);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.getSingleResult();
    }
}
